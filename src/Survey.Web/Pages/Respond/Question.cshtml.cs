using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Survey.Data;
using Survey.Definitions.Answers;
using Survey.Definitions.Model;
using Survey.Definitions.QuestionTypes;
using Survey.Web.Infrastructure;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// One page of questions. GET shows it with the answers saved so far; POST validates, saves and moves on. The language
/// switch (and an older Back button) save what is valid without showing errors. After the last page comes the check page
/// (<see cref="CheckModel"/>), which sends: <see cref="Handler.SubmitAsync"/> writes the anonymous response and deletes the
/// unfinished answers in one transaction, so a double click cannot store twice.
/// </summary>
[IgnoreAntiforgeryToken]
[DraftPosts]
[OneConnection]
public sealed partial class QuestionModel(
    SurveyLibrary library,
    SurveyDbContext db,
    QuestionTypeRegistry registry,
    QuestionMessages messages,
    CivilDate date,
    IOptions<RequestLimitOptions> limits) : PageModel
{
    public SurveyDefinition Survey { get; private set; } = null!;
    public PageDefinition CurrentPage { get; private set; } = null!;
    public LanguageTag Language { get; private set; }
    public string Token { get; private set; } = string.Empty;
    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; private set; } = [];
    public int PageNumber { get; private set; }
    public int PageCount { get; private set; }

    /// <summary>The survey has conditional pages: the count is of every page, and the page line says "about".</summary>
    public bool ApproximateCount { get; private set; }

    /// <summary>Opened with a change link from the check page: Next returns there.</summary>
    public bool ReturnToCheck { get; private set; }

    public string BackHref => BackTarget(_previous);
    private PageDefinition? _previous;
    public string? Notice { get; private set; }
    private SurveyFlow Flow { get; set; } = null!;

    public async Task<IActionResult> OnGetAsync(string surveyId, string token, string pageId, string? notice, string? @return, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(surveyId, token, pageId, cancellationToken);
        if (loaded.Result is { } result)
        {
            return result;
        }
        var answers = loaded.Answers!;
        Notice = notice is AntiforgeryFailureFilter.NoticeKey or "incomplete" ? notice : null;
        ReturnToCheck = @return == "check";
        Show(answers, question => registry.Get(question.Type).ToFormValues(question, answers.Get(question.Id)), []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string surveyId, string token, string pageId, string? nav, string? switchTo, string? @return, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(surveyId, token, pageId, cancellationToken);
        if (loaded.Result is { } result)
        {
            return result;
        }
        var draft = loaded.Draft!;
        var flow = Flow;
        ReturnToCheck = @return == "check";
        var before = loaded.Answers!;
        var form = new DictionaryFormInput(Request.Form.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal));
        var posted = Handler.ReadPage(registry, flow, CurrentPage, before, form);

        if (switchTo is not null || nav == "back")
        {
            // Keep every valid answer; an invalid one is simply not saved yet, and is asked again later.
            await Handler.SaveAsync(db, draft, posted.Answers, date.Today(), limits.Value.MaxDraftBytes, cancellationToken);
            if (switchTo is not null)
            {
                var target = Survey.Languages.FirstOrDefault(l => l.Value == switchTo);
                var language = target == default ? Language : target;
                return Redirect($"/{language}/{Survey.Id}/{Token}/{CurrentPage.Id}{(ReturnToCheck ? "?return=check" : "")}");
            }
            return Redirect(BackTarget(flow.PreviousPage(CurrentPage.Id, posted.Answers)));
        }

        if (posted.Errors.Count > 0)
        {
            var raw = form;
            Show(before, question => Handler.PostedValues(question, raw), posted.Errors);
            return Page();
        }

        // Sending happens only on the check page: Next on the last page (or a stray "submit") leads there.
        var reached = DraftAnswers.ReachedPages(draft);
        var next = flow.NextPage(CurrentPage.Id, posted.Answers);
        if (next is not null && (!ReturnToCheck || !reached.Contains(next.Id, StringComparer.Ordinal)))
        {
            // After a change from the check page, a page the new answer brings in is asked before returning.
            DraftAnswers.Reach(draft, next.Id);
            await Handler.SaveAsync(db, draft, posted.Answers, date.Today(), limits.Value.MaxDraftBytes, cancellationToken);
            return Redirect($"/{Language}/{Survey.Id}/{Token}/{next.Id}{(ReturnToCheck ? "?return=check" : "")}");
        }

        var incomplete = Handler.FirstIncompletePage(flow, posted.Answers);
        if (incomplete is not null)
        {
            DraftAnswers.Reach(draft, incomplete.Id);
            await Handler.SaveAsync(db, draft, posted.Answers, date.Today(), limits.Value.MaxDraftBytes, cancellationToken);
            return Redirect($"/{Language}/{Survey.Id}/{Token}/{incomplete.Id}?notice=incomplete");
        }

        DraftAnswers.Reach(draft, CheckModel.PageId);
        await Handler.SaveAsync(db, draft, posted.Answers, date.Today(), limits.Value.MaxDraftBytes, cancellationToken);
        return Redirect($"/{Language}/{Survey.Id}/{Token}/{CheckModel.PageId}");
    }

    /// <summary>The previous page of this draft; before the first page, the introduction, which offers to continue this draft.</summary>
    private string BackTarget(PageDefinition? previous) =>
        ReturnToCheck ? $"/{Language}/{Survey.Id}/{Token}/{CheckModel.PageId}"
        : previous is null ? $"/{Language}/{Survey.Id}?code={Token}"
        : $"/{Language}/{Survey.Id}/{Token}/{previous.Id}";

    /// <summary>The draft and its answers as read once per request (the JSON is not parsed again), or the result to give instead.</summary>
    private sealed record Loaded(Draft? Draft, IActionResult? Result, AnswerSet? Answers = null);

    private async Task<Loaded> LoadAsync(string surveyId, string token, string pageId, CancellationToken cancellationToken)
    {
        Language = LocalizationExtensions.CurrentLanguage();
        Token = token;
        var survey = library.Find(surveyId);
        if (survey is null || !survey.Languages.Contains(Language))
        {
            return new(null, NotFound());
        }
        Survey = survey;
        var draft = await DraftQueries.FindAsync(db, token, surveyId, cancellationToken);
        if (draft is null)
        {
            // A second click on Submit arrives after the first one deleted the draft: show the same closing page.
            // After a restart too: the record of sent codes is in the database (CompletedCodes).
            return new(null, await CompletedCodes.ContainsAsync(db, token, date.Today(), cancellationToken) ? Redirect($"/{Language}/{Survey.Id}/done") : NotFound());
        }
        if (draft.SurveyVersion != survey.Version)
        {
            return new(null, NotFound());
        }
        Flow = new SurveyFlow(survey);
        var flow = Flow;
        var answers = DraftAnswers.Read(draft);
        var visible = flow.VisiblePages(answers);
        var reached = DraftAnswers.ReachedPages(draft);
        var page = visible.FirstOrDefault(p => p.Id == pageId);
        if (page is null || !reached.Contains(page.Id, StringComparer.Ordinal))
        {
            // Not reachable with these answers (a typed address, a stale tab, a tampered post): go to the furthest page.
            var furthest = visible.LastOrDefault(p => reached.Contains(p.Id, StringComparer.Ordinal)) ?? visible[0];
            return new(null, Redirect($"/{Language}/{survey.Id}/{token}/{furthest.Id}"));
        }
        CurrentPage = page;
        // Counted over every page, shown or not, so the count never jumps when an answer brings in a page.
        PageNumber = survey.Pages.ToList().IndexOf(page) + 1;
        PageCount = survey.Pages.Count;
        ApproximateCount = survey.Pages.Any(p => p.ShowIf is not null);
        _previous = flow.PreviousPage(page.Id, answers);
        return new(draft, null, answers);
    }

    private void Show(AnswerSet answers, Func<QuestionDefinition, IReadOnlyDictionary<string, IReadOnlyList<string>>> values, IReadOnlyList<AnswerError> errors)
    {
        var flow = Flow;
        var errorText = errors.ToDictionary(e => e.Field, e => messages.For(Survey.FindQuestion(QuestionOf(e.Field))!, e, Language), StringComparer.Ordinal);
        Questions = [.. flow.VisibleQuestions(CurrentPage, answers).Select(q => new QuestionView(q, Language, OptionOrder.For(q, Token), values(q), errorText))];
        var views = Questions.ToDictionary(v => v.Question.Id, StringComparer.Ordinal);
        Errors = [.. errors.Select(e => new KeyValuePair<string, string>(
            views.TryGetValue(QuestionOf(e.Field), out var view) ? view.FocusId(e.Field) : FieldNames.HtmlId(e.Field),
            messages.ForSummary(Survey.FindQuestion(QuestionOf(e.Field))!, e, Language)))];
        ViewData["HasErrors"] = Errors.Count > 0;
    }

    private static string QuestionOf(string field) => field.Split(':', 2)[0];

    public static class Handler
    {
        public sealed record PageAnswers(AnswerSet Answers, IReadOnlyList<AnswerError> Errors);

        /// <summary>Reads the visible questions of a page; the answer set keeps valid answers and drops those of hidden questions.</summary>
        public static PageAnswers ReadPage(QuestionTypeRegistry registry, SurveyFlow flow, PageDefinition page, AnswerSet before, IFormInput form)
        {
            var answers = before.Without(page.Questions.Select(q => q.Id));
            var errors = new List<AnswerError>();
            foreach (var question in flow.VisibleQuestions(page, before))
            {
                var parsed = registry.Get(question.Type).ParseAnswer(question, form);
                if (parsed.IsValid)
                {
                    answers = answers.With(question.Id, parsed.Values);
                }
                else
                {
                    errors.AddRange(parsed.Errors);
                }
            }
            return new PageAnswers(answers, errors);
        }

        public static IReadOnlyDictionary<string, IReadOnlyList<string>> PostedValues(QuestionDefinition question, IFormInput form)
        {
            var fields = new List<string> { FieldNames.For(question.Id), FieldNames.ForOther(question.Id) };
            fields.AddRange(FieldNames.DateParts.Select(part => FieldNames.ForDatePart(question.Id, part)));
            if (question.Settings is Survey.Definitions.QuestionTypes.Matrix.MatrixSettings matrix)
            {
                fields.AddRange(matrix.Items.Select(i => FieldNames.ForItem(question.Id, i.Code)));
            }
            return fields.ToDictionary(f => f, f => form.Values(f), StringComparer.Ordinal);
        }

        /// <summary>The first shown page with a required question left unanswered (possible after going back and changing an answer).</summary>
        public static PageDefinition? FirstIncompletePage(SurveyFlow flow, AnswerSet answers) =>
            flow.VisiblePages(answers).FirstOrDefault(p => flow.VisibleQuestions(p, answers).Any(q => q.Required && answers.Get(q.Id).Count == 0));

        /// <summary>
        /// Saves the answers and reached pages of a draft read without tracking: one UPDATE of the version that was read,
        /// which also moves the version on. A second post based on the same version (a double click) matches no row and
        /// changes nothing: the first one saved the same answers. Without EF Core's change tracking and update pipeline,
        /// which were a large part of a page submit's CPU (load benchmark profile, README). A draft over the size cap is
        /// refused here, before anything is written (<see cref="DraftTooLargeException"/>, shown as 413), as SaveChanges does for new drafts.
        /// </summary>
        public static async Task SaveAsync(SurveyDbContext db, Draft draft, AnswerSet answers, DateOnly today, int maxDraftBytes, CancellationToken cancellationToken)
        {
            DraftAnswers.Write(draft, answers);
            draft.UpdatedOn = today;
            var bytes = Encoding.UTF8.GetByteCount(draft.AnswersJson);
            if (bytes > maxDraftBytes)
            {
                throw new DraftTooLargeException(bytes, maxDraftBytes);
            }
            // Plain SQL with parameters (quoted names as EF Core writes them; the same on PostgreSQL): building an
            // ExecuteUpdate's expression tree and finding it in the query cache cost more than the statement itself.
            await using var write = await db.BeginWriteAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Drafts" SET "AnswersJson" = {draft.AnswersJson}, "ReachedPages" = {draft.ReachedPages}, "UpdatedOn" = {today}, "Version" = {draft.Version + 1} WHERE "Token" = {draft.Token} AND "Version" = {draft.Version}""",
                cancellationToken);
        }

        /// <summary>
        /// Writes the anonymous response and deletes the draft in one transaction. The response gets a new random id and the
        /// day only, its answers random ids (<see cref="ResponseAnswer.NewId"/>); nothing of the draft, the request or the
        /// respondent's device is copied. The draft read without tracking is deleted only in the version that was read.
        /// <para>
        /// Plain SQL with parameters, as <see cref="SaveAsync"/> (quoted names as EF Core writes them, parameter types from
        /// EF Core's mappings: the same on PostgreSQL): EF Core's change tracking and update pipeline for the response and its
        /// answers were most of the check page's CPU (load benchmark profile, README). <c>CompletionTests</c> read what it
        /// wrote back through EF Core.
        /// </para>
        /// </summary>
        /// <returns>False when a concurrent save changed the draft first: nothing is stored and the page should be shown again.</returns>
        public static async Task<bool> SubmitAsync(SurveyDbContext db, SurveyDefinition survey, Draft draft, LanguageTag language, AnswerSet answers, DateOnly today, CancellationToken cancellationToken)
        {
            var responseId = Guid.NewGuid();
            var insert = new StringBuilder();
            var values = new List<object?>();
            string Next(object? value)
            {
                values.Add(value); // null is bound as NULL
                return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
            }
            insert.Append(CultureInfo.InvariantCulture, $"""INSERT INTO "Responses" ("Id", "SurveyId", "SurveyVersion", "Language", "CompletedOn") VALUES ({Next(responseId)}, {Next(survey.Id)}, {Next(survey.Version)}, {Next(language.Value)}, {Next(today)});""");
            var rows = survey.Questions.SelectMany(q => answers.Get(q.Id).Select(value => (Question: q.Id, Value: value))).ToList();
            if (rows.Count > 0)
            {
                insert.Append("""INSERT INTO "ResponseAnswers" ("ResponseId", "Id", "QuestionId", "Item", "Code", "Text") VALUES """);
                insert.AppendJoin(", ", rows.Select(row =>
                    $"({Next(responseId)}, {Next(ResponseAnswer.NewId())}, {Next(row.Question)}, {Next(row.Value.Item)}, {Next(row.Value.Code)}, {Next(row.Value.Text)})"));
                insert.Append(';');
            }
            var completed = CompletedCodes.For(draft.Token, today);
            insert.Append(CultureInfo.InvariantCulture, $"""INSERT INTO "CompletedCodes" ("Hash", "Day") VALUES ({Next(completed.Hash)}, {Next(completed.Day)});""");
            if (draft.InvitationId is { } invitation)
            {
                // Started from an invitation: marked answered (the day only) in the same transaction, so reminders stop.
                // The response gets nothing of it.
                insert.Append(CultureInfo.InvariantCulture, $"""UPDATE "Invitations" SET "Status" = {Next((int)InvitationStatus.Answered)}, "AnsweredOn" = {Next(today)} WHERE "Id" = {Next(invitation)};""");
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                try
                {
                    var deleted = await db.Database.ExecuteSqlAsync(
                        $"""DELETE FROM "Drafts" WHERE "Token" = {draft.Token} AND "Version" = {draft.Version}""", cancellationToken);
                    if (deleted == 1)
                    {
                        await db.Database.ExecuteSqlRawAsync(insert.ToString(), values!, cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                        return true;
                    }
                }
                catch (System.Data.Common.DbException)
                {
                    // The completed code's hash is already there: a concurrent request sent this code first.
                }
                await transaction.RollbackAsync(CancellationToken.None);
            }
            // A concurrent request (a double click) submitted or saved this draft first: this one stored nothing. If the
            // draft is gone, that request stored the response; otherwise show the page again.
            return !await db.Drafts.AnyAsync(d => d.Token == draft.Token, cancellationToken);
        }
    }
}
