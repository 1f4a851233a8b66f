# The MCP server, published self-contained with the framework compiled in. Build: docker build -t oura-mcp .
# Run over stdio (as MCP clients spawn it): docker run -i --rm -e OURA_ACCESS_TOKEN oura-mcp
# Try it without an account:             docker run -i --rm oura-mcp --demo
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props OuraMcp.sln ./
COPY src/ src/
COPY prompts/ prompts/
RUN dotnet publish src/OuraMcp.Server -c Release -o /app

# The published server carries its own .NET and ASP.NET Core (the in-process fake Oura behind --demo is an ASP.NET Core
# app); this image adds the `dotnet` host that runs it as the README says: `dotnet OuraMcp.Server.dll`.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The token store lives in the user's configuration directory; mount a volume there to keep a sign-in.
ENV XDG_CONFIG_HOME=/config
RUN mkdir -p /config && chown app /config
USER app
ENTRYPOINT ["dotnet", "OuraMcp.Server.dll"]
