# The MCP server, published self-contained with the framework compiled in. Build: docker build -t oura-mcp .
# Run over stdio (as MCP clients spawn it; the default): docker run -i --rm -e OURA_ACCESS_TOKEN oura-mcp
# Try it without an account:                           docker run -i --rm oura-mcp --demo
# Serve it over HTTP for yourself (docs/http.md): clients send the key as `Authorization: Bearer <key>`.
#   docker run --rm -p 8787:8787 --stop-timeout 30 -e OURA_ACCESS_TOKEN -e OURA_MCP_API_KEY="$(openssl rand -base64 32)" \
#     oura-mcp --http --auth api-key --bind 0.0.0.0
#   Probes: GET /healthz (alive) and /readyz (the token store answers). Put TLS in front (a reverse proxy) before the internet.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props OuraMcp.sln ./
COPY src/ src/
COPY prompts/ prompts/
RUN dotnet publish src/OuraMcp.Server -c Release -o /app

# The published server carries its own .NET and ASP.NET Core (self-contained, one composite ReadyToRun image), so the
# runtime image needs only what .NET itself depends on (libc, OpenSSL, time zone data).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app .
# The token store lives in the user's configuration directory; mount a volume there to keep a sign-in.
ENV XDG_CONFIG_HOME=/config
RUN mkdir -p /config && chown app /config
USER app
EXPOSE 8787
ENTRYPOINT ["/app/OuraMcp.Server"]
