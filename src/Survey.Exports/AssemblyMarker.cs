namespace Survey.Exports;
