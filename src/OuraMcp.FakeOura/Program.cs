// Placeholder entry point; the fake Oura's host is being built (issue 2).
return 0;
