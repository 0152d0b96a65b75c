# The standalone host (ServerlessSupport.Standalone): the app's functions with their own queue listeners and timers (no
# Functions host) against the storage account named by AzureWebJobsStorage (or AzureWebJobsStorage__accountName with a
# managed identity).
#   docker build -t serverlesssupport .
#   docker run -p 8080:8080 -e AzureWebJobsStorage="<connection string>" serverlesssupport
#
# On Azure Container Apps, scale on queue length with KEDA's azure-queue scaler, e.g.
#   rules: [{ name: inbound, custom: { type: azure-queue, metadata: { queueName: inbound, queueLength: '16',
#            accountName: <account> }, identity: system } }]   (and one rule for `outbound`)
# Timers fire once per occurrence across replicas (blob lease + schedule status), so min replicas 1 keeps them on time.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY host.json ./
COPY src/ src/
RUN dotnet publish src/ServerlessSupport.Standalone -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_gcServer=0
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ServerlessSupport.Standalone.dll"]
