using System.Security.Claims;
using ModelContextProtocol.Server;

namespace OuraMcp.Server.Tools;

/// <summary>
/// Which of the served tools a caller may see and call, when that differs by caller (hosted <c>--auth oauth</c>: the
/// app administration tools need the admin scope). Not registered where every caller may use every served tool.
/// </summary>
public interface IToolAccess
{
    bool Allows(McpServerTool tool, ClaimsPrincipal? user);
}
