# One image for every role: docker-compose runs it as the api and as N renderers.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props PosterGen.sln ./
COPY Contracts/ Contracts/
COPY Messaging/ Messaging/
COPY Sagas/ Sagas/
COPY Persistence/ Persistence/
COPY Consumers/ Consumers/
COPY Api/ Api/
# Fabric.js for canvas templates, from npm; the publish copies it next to the renderer.
COPY scripts/install-fabric.sh scripts/
RUN bash scripts/install-fabric.sh
RUN dotnet publish Api/Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12
# The renderer drives the distribution's Chromium; nothing downloads a browser. curl serves the
# compose health checks (GET /health/ready).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Chromium__ExecutablePath=/usr/bin/chromium
EXPOSE 8080
ENTRYPOINT ["dotnet", "PosterGen.Api.dll"]
