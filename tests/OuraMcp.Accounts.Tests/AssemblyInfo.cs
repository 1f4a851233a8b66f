// The tests pin Unix file modes and signals; the store itself also runs on Windows (without mode checks).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
