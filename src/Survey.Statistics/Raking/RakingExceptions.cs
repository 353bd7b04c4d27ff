namespace Survey.Statistics;

/// <summary>Raking stopped at the iteration cap before every margin was met within the tolerance.</summary>
public sealed class RakingDidNotConvergeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RakingDidNotConvergeException(int iterations, double lastMisfit, string worstVariable, string worstCategory)
        : base($"Raking did not converge in {iterations} iterations: largest relative misfit {lastMisfit:G6} at {worstVariable} = '{worstCategory}'.")
    {
        Iterations = iterations;
        LastMisfit = lastMisfit;
        WorstVariable = worstVariable;
        WorstCategory = worstCategory;
    }

    /// <summary>Sweeps done.</summary>
    public int Iterations { get; }

    /// <summary>Largest relative misfit after the last sweep.</summary>
    public double LastMisfit { get; }

    /// <summary>Variable with the largest misfit.</summary>
    public string WorstVariable { get; }

    /// <summary>Category with the largest misfit.</summary>
    public string WorstCategory { get; }
}

/// <summary>A margin category has a positive population total but no respondent, so no weights can reach it.</summary>
public sealed class EmptyMarginCategoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmptyMarginCategoryException(string variable, string category)
        : base($"Margin '{variable}': category '{category}' has a population total but no respondent in the sample; merge it with another category or drop it from the targets.")
    {
        Variable = variable;
        Category = category;
    }

    /// <summary>The background variable.</summary>
    public string Variable { get; }

    /// <summary>The category nobody in the sample has.</summary>
    public string Category { get; }
}

/// <summary>A respondent has a background answer that is not a category of that variable's margin.</summary>
public sealed class UnknownMarginCategoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnknownMarginCategoryException(string variable, string category, int respondents)
        : base($"Margin '{variable}': {respondents} respondent(s) have '{category}', which is not a category of the targets.")
    {
        Variable = variable;
        Category = category;
        Respondents = respondents;
    }

    /// <summary>The background variable.</summary>
    public string Variable { get; }

    /// <summary>The category missing from the targets.</summary>
    public string Category { get; }

    /// <summary>How many respondents have that category.</summary>
    public int Respondents { get; }
}
