using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Survey.Data;

namespace Survey.Web.Pages.Respond;

/// <summary>
/// The draft look-up of every question and check page (GET and POST). Reads only: they never wait for a writer (WAL) nor
/// for the write gate.
/// <para>
/// One parameterised SELECT on the context's connection (opened through EF Core, so its connection interceptors run), read
/// by hand: EF Core's query pipeline, even for a compiled query, built a delegate on each run and was the largest part of
/// a page's database time (load benchmark profile, README). Quoted names as EF Core writes them; the same on PostgreSQL.
/// <c>DraftQueriesTests</c> checks it against the EF Core model.
/// </para>
/// </summary>
internal static class DraftQueries
{
    private const string Select =
        """SELECT "SurveyVersion", "Language", "AnswersJson", "ReachedPages", "StartedOn", "UpdatedOn", "Version", "InvitationId" FROM "Drafts" WHERE "Token" = @token AND "SurveyId" = @survey""";

    /// <summary>
    /// The draft of <paramref name="token"/> in <paramref name="surveyId"/>, not tracked: the pages save it in plain SQL
    /// too, by the version read (<see cref="QuestionModel.Handler.SaveAsync"/>, <see cref="QuestionModel.Handler.SubmitAsync"/>).
    /// </summary>
    public static async Task<Draft?> FindAsync(SurveyDbContext db, string token, string surveyId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Select;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Add(command, "@token", token);
            Add(command, "@survey", surveyId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            return new Draft
            {
                Token = token,
                SurveyId = surveyId,
                SurveyVersion = reader.GetInt32(0),
                Language = reader.GetString(1),
                AnswersJson = reader.GetString(2),
                ReachedPages = reader.GetString(3),
                StartedOn = reader.GetFieldValue<DateOnly>(4),
                UpdatedOn = reader.GetFieldValue<DateOnly>(5),
                Version = reader.GetInt32(6),
                InvitationId = reader.IsDBNull(7) ? null : reader.GetInt64(7),
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
