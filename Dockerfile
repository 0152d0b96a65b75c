# The app on the Azure Functions host, as Azure runs it: the official base image for .NET 10 isolated-worker apps with
# the published app in /home/site/wwwroot, the layout the Functions documentation gives for containers.
#   docker build -t serverlesssupport .
#   docker run -p 8080:80 -e AzureWebJobsStorage="<connection string>" -e SendGrid__ApiKey=... -e Support__Address=... \
#     -e Support__SurveySigningKey=... -e Support__FollowUpSchedule="0 * * * * *" -e Support__EscalationSchedule="30 * * * * *" \
#     serverlesssupport
# Settings are the app settings of docs/architecture.md; function keys come from the host's key store (the storage
# account by default). On Azure Container Apps, scale on the length of the `inbound` and `outbound` queues (KEDA's
# azure-queue scaler); timers fire once per occurrence across replicas (the host's singleton lock).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt host.json ./
COPY config/ config/
COPY src/ServerlessSupport.Core/ src/ServerlessSupport.Core/
COPY src/ServerlessSupport.Storage/ src/ServerlessSupport.Storage/
COPY src/ServerlessSupport.Functions/ src/ServerlessSupport.Functions/
RUN dotnet publish src/ServerlessSupport.Functions -c Release -o /home/site/wwwroot --nologo -p:PublishTrimmed=false

FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true
COPY --from=build /home/site/wwwroot /home/site/wwwroot
