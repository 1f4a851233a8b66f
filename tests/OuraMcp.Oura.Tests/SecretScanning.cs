// Every test: what it captured (process output, log lines, tool results) is scanned for tokens, codes and secrets,
// and a leak fails the test that produced it.
[assembly: OuraMcp.Testing.ScanForSecrets]
