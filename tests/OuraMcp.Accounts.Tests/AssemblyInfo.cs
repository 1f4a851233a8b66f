// The tests pin Unix file modes and signals; the store itself also runs on Windows (without mode checks).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

// Every test: what it captured (process output, log lines) is scanned for tokens, codes and secrets.
[assembly: OuraMcp.Testing.ScanForSecrets]
