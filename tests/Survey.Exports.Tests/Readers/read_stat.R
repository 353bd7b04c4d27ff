# Prints what R haven reads from a .sav or .dta file, one fact per line, tab-separated, UTF-8:
# FILE label | VAR name label class format | LABEL name value label | NA name value | NARANGE name low high | VALUE name row value
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]
out <- file(args[2], open = "w", encoding = "UTF-8")
d <- if (grepl("\\.sav$", path)) haven::read_sav(path, user_na = TRUE) else haven::read_dta(path)
esc <- function(x) gsub("[\t\r\n]", " ", enc2utf8(as.character(x)))
put <- function(...) writeLines(paste(..., sep = "\t"), out, useBytes = FALSE)
num <- function(x) ifelse(is.na(x), "NA", format(x, digits = 15, trim = TRUE, scientific = FALSE))
file_label <- attr(d, "label")
put("FILE", esc(if (is.null(file_label)) "" else file_label))
for (n in names(d)) {
  x <- d[[n]]
  lab <- attr(x, "label")
  fmt <- attr(x, if (grepl("\\.sav$", path)) "format.spss" else "format.stata")
  put("VAR", n, esc(if (is.null(lab)) "" else lab), class(x)[1], if (is.null(fmt)) "" else fmt)
  labs <- attr(x, "labels")
  if (!is.null(labs)) for (i in seq_along(labs)) put("LABEL", n, num(unname(labs[[i]])), esc(names(labs)[i]))
  for (v in attr(x, "na_values")) put("NA", n, num(v))
  r <- attr(x, "na_range")
  if (!is.null(r)) put("NARANGE", n, num(r[1]), num(r[2]))
  y <- unclass(x)
  attributes(y) <- NULL
  vals <- if (inherits(x, "Date")) ifelse(is.na(y), "NA", format(x, "%Y-%m-%d"))
          else if (is.numeric(y)) sapply(y, num)
          else ifelse(is.na(y), "NA", esc(y))
  for (i in seq_along(vals)) put("VALUE", n, i, vals[i])
}
close(out)
