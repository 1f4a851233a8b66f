using ModelContextProtocol;

namespace OuraMcp.Server.Querying;

/// <summary>
/// The caller sent something this tool cannot use. The message says what was wrong and what to send instead;
/// it reaches the model as an <c>isError</c> result.
/// </summary>
public sealed class ToolInputException(string message) : McpException(message);
