# Reference values for Survey.Statistics, computed with R's survey package.
# Regenerate from the repository root:  Rscript tests/Survey.Statistics.Tests/Reference/make-reference.R
# Writes, next to this script, for each data set X: X-data.csv, X-targets.yaml, X-margins.csv,
# X-weights.csv, X-estimates.csv, X-chisq.csv, and for data sets given pairs of background variables
# X-estimates-2way.csv, X-chisq-2way.csv (see README.md for what each checks).
suppressMessages(library(survey))

script_arg <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
out_dir <- if (length(script_arg)) dirname(normalizePath(script_arg)) else "."
out <- function(name) file.path(out_dir, name)

N <- 110600
margins_all <- list(
  age_band = c("18-24" = 0.190, "25-39" = 0.275, "40-54" = 0.210, "55-64" = 0.135, "65+" = 0.190),
  gender = c(man = 0.480, woman = 0.510, other = 0.010),
  nationality_group = c(nl = 0.861, eu = 0.062, non_eu = 0.077),
  district = c("binnenstad-noord" = 0.10, "binnenstad-zuid" = 0.07, "stationsdistrict" = 0.05,
               "leiden-noord" = 0.14, "roodenburgerdistrict" = 0.11, "bos-en-gasthuisdistrict" = 0.13,
               "morsdistrict" = 0.09, "boerhaavedistrict" = 0.11, "merenwijk" = 0.11, "stevenshof" = 0.09))

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

write_csv <- function(df, name, exact = TRUE) {
  for (col in names(df)) if (is.numeric(df[[col]]) && (exact || col == "base_weight")) df[[col]] <- fmt(df[[col]])
  df[is.na(df)] <- ""
  write.csv(df, out(name), row.names = FALSE, quote = TRUE, na = "", fileEncoding = "UTF-8")
}

write_targets <- function(margins, name) {
  lines <- c(paste0("total: ", N), "margins:")
  for (v in names(margins)) {
    m <- margins[[v]]
    lines <- c(lines, paste0("  ", v, ": { ", paste0('"', names(m), '": ', m, collapse = ", "), " }"))
  }
  writeLines(lines, out(name))
  rows <- do.call(rbind, lapply(names(margins), function(v)
    data.frame(variable = v, category = names(margins[[v]]), total = N * unname(margins[[v]]))))
  write_csv(rows, sub("-targets.yaml", "-margins.csv", name))
}

# Synthetic respondents: background drawn with sample shares that differ from the population,
# answers that depend on background (so calibration and the Rao-Scott test have something to do).
make_data <- function(n, seed, margins, sample_shares, missing_bg = 0, missing_q = 0.1) {
  set.seed(seed)
  d <- data.frame(id = seq_len(n))
  for (v in names(margins)) {
    cats <- names(margins[[v]])
    x <- sample(cats, n, replace = TRUE, prob = sample_shares[[v]])
    x[seq_along(cats)] <- cats  # every category present at least once
    d[[v]] <- x
  }
  young <- d$age_band %in% c("18-24", "25-39")
  intl <- d$nationality_group != "nl"
  d$base_weight <- N / n
  if ("district" %in% names(d)) d$base_weight <- ifelse(d$district %in% c("stevenshof", "merenwijk"), 0.5, 1.25) * N / n
  p_yes <- ifelse(intl, 0.35, 0.6) + ifelse(young, 0.1, -0.05)
  u <- runif(n)
  d$q_website <- ifelse(u < p_yes, "yes", ifelse(u < p_yes + 0.08, "dk", "no"))
  d$q_lang <- sapply(seq_len(n), function(i) sample(c("nl", "en", "both", "other"), 1,
    prob = if (intl[i]) c(0.1, 0.5, 0.3, 0.1) else c(0.7, 0.05, 0.2, 0.05)))
  d$q_lang[runif(n) < missing_q] <- NA
  d$q_services <- as.character(pmin(10, pmax(1, round(rnorm(n, ifelse(young, 7.4, 6.8), 1.5)))))
  d$q_services[runif(n) < 0.05] <- "99"  # don't know: a valid answer
  d$q_hours <- round(rgamma(n, shape = 2, rate = ifelse(intl, 0.4, 0.25)), 1)
  d$q_hours[runif(n) < missing_q] <- NA
  for (v in names(margins)) d[[v]][runif(n) < missing_bg] <- NA
  d
}

categorical <- c("q_website", "q_lang", "q_services")
numeric_q <- c("q_hours")

reference <- function(name, d, margins, pairs = list()) {
  write_csv(d, paste0(name, "-data.csv"), exact = FALSE)
  write_targets(margins, paste0(name, "-targets.yaml"))
  vars <- names(margins)
  dc <- d[complete.cases(d[, vars]), ]
  for (v in vars) dc[[v]] <- factor(dc[[v]], levels = names(margins[[v]]))
  for (q in categorical) dc[[q]] <- factor(dc[[q]])
  fml <- as.formula(paste("~", paste(vars, collapse = " + ")))
  mm <- model.matrix(fml, dc)
  pop <- sapply(colnames(mm), function(col) {
    if (col == "(Intercept)") return(N)
    for (v in vars) if (startsWith(col, v)) return(N * margins[[v]][[substring(col, nchar(v) + 1)]])
  })
  des <- svydesign(ids = ~1, weights = ~base_weight, data = dc)
  cal <- calibrate(des, fml, population = pop, calfun = "raking", epsilon = 1e-13, maxit = 200)
  w <- rep(NA_real_, nrow(d))
  w[match(dc$id, d$id)] <- weights(cal)
  write_csv(data.frame(id = d$id, weight = w), paste0(name, "-weights.csv"))

  wts <- weights(cal)
  # svyciprop(method = "logit") fits svyglm(hit ~ 1, family = quasibinomial) by IRLS, which diverges in small domains
  # (a few hits with large normalised weight): its estimate is then 0 or NA instead of p and the interval (0, 0).
  # There the same interval, Wald on the logit scale with degf() df, comes from method = "xlogit" (delta method);
  # where the fit converges the two agree within 1e-7 relative. Only two-way combinations need it.
  logit_ci <- function(dd, p) {
    r <- svyciprop(~hit, dd, method = "logit")
    ci <- as.numeric(attr(r, "ci"))
    if (is.finite(r[[1]]) && abs(r[[1]] - p) < 1e-6 && all(is.finite(ci))) return(ci)
    xlogit_used <<- xlogit_used + 1
    as.numeric(attr(svyciprop(~hit, dd, method = "xlogit"), "ci"))
  }
  xlogit_used <- 0
  # The rows of one group (labels: its group columns; ing: its respondents), estimate and SE named by option
  # (or by the question for a mean): interval from svyciprop on subset(cal, group & !is.na(q)), normal for a mean.
  group_rows <- function(q, labels, ing, est, se) {
    dom <- ing & !is.na(dc[[q]])
    if (q %in% numeric_q) {
      return(data.frame(question = q, kind = "mean", labels, option = NA, base = sum(dom), count = sum(dom),
        weighted_count = sum(wts[dom]), estimate = est[[q]], se = se[[q]],
        logit_low = NA, logit_high = NA, beta_low = NA, beta_high = NA,
        normal_low = est[[q]] - qnorm(0.975) * se[[q]], normal_high = est[[q]] + qnorm(0.975) * se[[q]]))
    }
    sub_des <- subset(cal, dom)
    do.call(rbind, lapply(levels(dc[[q]]), function(lvl) {
      key <- paste0(q, lvl)
      chosen <- dom & dc[[q]] == lvl
      p <- est[[key]]
      ci_l <- c(NA, NA); ci_b <- c(NA, NA)
      if (p > 0 && p < 1) {
        dd <- sub_des
        dd$variables$hit <- as.numeric(!is.na(dd$variables[[q]]) & dd$variables[[q]] == lvl)
        ci_l <- logit_ci(dd, p)
        ci_b <- as.numeric(attr(svyciprop(~hit, dd, method = "beta"), "ci"))
      }
      data.frame(question = q, kind = "proportion", labels, option = lvl, base = sum(dom), count = sum(chosen),
        weighted_count = sum(wts[chosen]), estimate = p, se = se[[key]],
        logit_low = ci_l[1], logit_high = ci_l[2], beta_low = ci_b[1], beta_high = ci_b[2],
        normal_low = NA, normal_high = NA)
    }))
  }

  groups <- levels(dc$nationality_group)
  rows <- list()
  for (q in c(categorical, numeric_q)) {
    is_num <- q %in% numeric_q
    f <- as.formula(paste0("~", q))
    all_est <- svymean(f, cal, na.rm = TRUE)
    by_est <- svyby(f, ~nationality_group, cal, svymean, na.rm = TRUE)
    for (g in c("all", groups)) {
      ing <- if (g == "all") rep(TRUE, nrow(dc)) else dc$nationality_group == g
      est <- if (g == "all") coef(all_est) else coef(by_est)[grep(paste0("^", g, ":"), names(coef(by_est)))]
      by_se <- setNames(sqrt(diag(vcov(by_est))), names(coef(by_est)))
      se <- if (g == "all") SE(all_est) else by_se[grep(paste0("^", g, ":"), names(coef(by_est)))]
      if (is_num && g != "all") { est <- coef(by_est)[g]; se <- by_se[g]; names(est) <- q }
      names(est) <- sub("^[^:]*:", "", names(est))
      names(se) <- names(est)
      rows[[length(rows) + 1]] <- group_rows(q, list(group = g), ing, est, se)
    }
  }
  write_csv(do.call(rbind, rows), paste0(name, "-estimates.csv"))
  if (xlogit_used) stop("svyciprop(method = \"logit\") failed in a one-way group of ", name)

  tests <- do.call(rbind, lapply(categorical, function(q) {
    t <- tryCatch(svychisq(as.formula(paste0("~", q, " + nationality_group")), cal, statistic = "F"),
                  error = function(e) list(statistic = NA, parameter = c(NA, NA), p.value = NA))
    # NA: R cannot compute the test (a zero cell makes the design-effect matrix singular).
    data.frame(question = q, by = "nationality_group", f = unname(t$statistic),
               ndf = unname(t$parameter[1]), ddf = unname(t$parameter[2]), p_value = t$p.value)
  }))
  write_csv(tests, paste0(name, "-chisq.csv"))

  # Two-way: each pair c(g1, g2) is split into its combinations, each a domain (the engine's SplitCrosstab):
  # svyby(~q, ~interaction(g1, g2, drop = TRUE), cal, svymean, na.rm = TRUE) with the same intervals as above, and
  # svychisq(~q + interaction(g1, g2, drop = TRUE), cal, statistic = "F") across all combinations; the two group
  # codes in separate columns. (drop = TRUE matches the engine, which leaves out combinations nobody is in.)
  if (length(pairs)) {
    rows2 <- list()
    tests2 <- list()
    for (pair in pairs) {
      g1 <- pair[[1]]; g2 <- pair[[2]]
      combo <- interaction(dc[[g1]], dc[[g2]], drop = TRUE)
      by_fml <- as.formula(paste0("~interaction(", g1, ", ", g2, ", drop = TRUE)"))
      for (q in c(categorical, numeric_q)) {
        by_est <- svyby(as.formula(paste0("~", q)), by_fml, cal, svymean, na.rm = TRUE)
        by_se <- setNames(sqrt(diag(vcov(by_est))), names(coef(by_est)))
        for (lvl in levels(combo)) {
          ing <- combo == lvl
          first <- which(ing)[1]
          if (q %in% numeric_q) {
            est <- setNames(coef(by_est)[[lvl]], q); se <- setNames(by_se[[lvl]], q)
          } else {
            keep <- startsWith(names(coef(by_est)), paste0(lvl, ":"))
            est <- coef(by_est)[keep]; se <- by_se[keep]
            names(est) <- substring(names(est), nchar(lvl) + 2)
            names(se) <- names(est)
          }
          labels <- list(by = g1, group = as.character(dc[[g1]][first]), then_by = g2, group2 = as.character(dc[[g2]][first]))
          rows2[[length(rows2) + 1]] <- group_rows(q, labels, ing, est, se)
        }
      }
      # svychisq looks its formula's variables up by name, so the combination is added to the design as a column.
      cal2 <- cal
      cal2$variables$combination <- combo
      for (q in categorical) {
        t <- tryCatch(svychisq(as.formula(paste0("~", q, " + combination")), cal2, statistic = "F"),
                      error = function(e) list(statistic = NA, parameter = c(NA, NA), p.value = NA))
        tests2[[length(tests2) + 1]] <- data.frame(question = q, by = g1, then_by = g2, f = unname(t$statistic),
          ndf = unname(t$parameter[1]), ddf = unname(t$parameter[2]), p_value = t$p.value)
      }
    }
    write_csv(do.call(rbind, rows2), paste0(name, "-estimates-2way.csv"))
    cat(name, "two-way: logit interval from svyciprop(method = \"xlogit\") in", xlogit_used, "cells\n")
    write_csv(do.call(rbind, tests2), paste0(name, "-chisq-2way.csv"))
  }
  invisible(cal)
}

# small: n = 60, three margins, a tiny 'eu' group, one respondent missing gender.
small_margins <- margins_all[c("age_band", "gender", "nationality_group")]
small <- make_data(60, 20240601, small_margins,
  list(age_band = c(0.1, 0.3, 0.25, 0.15, 0.2), gender = c(0.45, 0.5, 0.05), nationality_group = c(0.85, 0.05, 0.10)))
small$gender[7] <- NA
reference("small", small, small_margins)

# normal: n = 1000, four margins, unequal base weights (two districts under-sampled), 2% missing background.
normal <- make_data(1000, 20240602, margins_all,
  list(age_band = c(0.12, 0.22, 0.24, 0.18, 0.24), gender = c(0.44, 0.54, 0.02), nationality_group = c(0.8, 0.1, 0.1),
       district = c(0.12, 0.08, 0.06, 0.12, 0.1, 0.12, 0.1, 0.1, 0.1, 0.1)), missing_bg = 0.005)
reference("normal", normal, margins_all, pairs = list(c("nationality_group", "district"), c("nationality_group", "age_band")))

# emptycat: no respondent lives in 'stevenshof' although the targets have it; R cannot calibrate.
empty <- make_data(200, 20240603, margins_all,
  list(age_band = rep(0.2, 5), gender = c(0.45, 0.5, 0.05), nationality_group = c(0.8, 0.1, 0.1),
       district = c(rep(0.11, 9), 0.01)))
empty <- empty[empty$district != "stevenshof", ]
empty$id <- seq_len(nrow(empty))
write_csv(empty, "emptycat-data.csv", exact = FALSE)
write_targets(margins_all[c("gender", "district")], "emptycat-targets.yaml")
msg <- tryCatch({
  dc <- empty
  dc$gender <- factor(dc$gender, levels = names(margins_all$gender))
  dc$district <- factor(dc$district, levels = names(margins_all$district))
  mm <- model.matrix(~gender + district, dc)
  pop <- setNames(c(N, N * margins_all$gender[-1], N * margins_all$district[-1]), colnames(mm))
  calibrate(svydesign(ids = ~1, weights = ~base_weight, data = dc), ~gender + district, population = pop,
            calfun = "raking", epsilon = 1e-13, maxit = 200)
  "calibrated"
}, error = function(e) conditionMessage(e), warning = function(w) conditionMessage(w))
writeLines(paste("R calibrate on emptycat:", msg), out("emptycat-r-outcome.txt"))
cat("reference fixtures written to", out_dir, "\n")
