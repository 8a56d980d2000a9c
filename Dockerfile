# StoryBot: built with the SDK, run on the ASP.NET runtime image as a non-root user.
# Build:  docker build -t storybot .
# Run:    see "Running in a container" in README.md (console chat, Discord, Slack) and compose.yaml.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the build settings and the project files alone, so the packages stay cached in
# this layer until one of these files changes, not at every source edit.
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/StoryBot/StoryBot.csproj src/StoryBot/
COPY src/StoryBot.Core/StoryBot.Core.csproj src/StoryBot.Core/
COPY src/StoryBot.Discord/StoryBot.Discord.csproj src/StoryBot.Discord/
COPY src/StoryBot.Slack/StoryBot.Slack.csproj src/StoryBot.Slack/
COPY src/StoryBot.State/StoryBot.State.csproj src/StoryBot.State/
COPY src/StoryBot.Dashboard/StoryBot.Dashboard.csproj src/StoryBot.Dashboard/
# Restored and published for the platform the image is built for (x64 or arm64): ReadyToRun, which
# precompiles start-up code, needs a runtime identifier, and with one only that platform's native
# libraries (SQLite, ONNX Runtime) are published.
RUN dotnet restore src/StoryBot/StoryBot.csproj -r "linux-$(uname -m | sed -e s/x86_64/x64/ -e s/aarch64/arm64/)"

# .ci/run runs this same publish command, so a build that breaks the image fails there too.
COPY appsettings.json ./
COPY src/ src/
# The pack's JSON Schemas are embedded in StoryBot.Core (the loader validates against them).
COPY knowledge/schemas/ knowledge/schemas/
RUN dotnet publish src/StoryBot/StoryBot.csproj -c Release -o artifacts/publish --no-restore -r "linux-$(uname -m | sed -e s/x86_64/x64/ -e s/aarch64/arm64/)" --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /src/artifacts/publish .
COPY knowledge/ knowledge/

# Everything the bot writes (the SQLite state, the sentence-vector cache, Discord's command
# record) goes under the data directory: one volume to keep.
RUN mkdir -p /var/lib/storybot && chown "$APP_UID" /var/lib/storybot
VOLUME /var/lib/storybot
ENV Storage__DataDirectory=/var/lib/storybot \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID

# The runtime image has no curl: the bot asks its own readiness endpoint (Health:Urls, on loopback).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "StoryBot.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "StoryBot.dll"]
