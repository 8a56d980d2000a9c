# StoryBot: build with the SDK, run on the slim ASP.NET runtime as a non-root user.
# Build:  docker build -t storybot .
# Run:    docker run -it -v storybot-data:/app/data storybot                  (console chat)
#         docker run -d -v storybot-data:/app/data -e Discord__Token=... storybot   (platforms)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig appsettings.json ./
COPY src/ src/
RUN dotnet publish src/StoryBot/StoryBot.csproj -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish .
COPY knowledge/ knowledge/
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data
ENV Storage__ConnectionString="Data Source=/app/data/storybot.db" \
    ASPNETCORE_URLS="http://+:8080"
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "StoryBot.dll"]
