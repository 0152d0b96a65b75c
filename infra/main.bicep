// ServerlessSupport on Azure Functions: the isolated-worker app (dotnet-isolated, .NET 10) on a Flex Consumption plan,
// which scales each function group out on its own and down to zero. Storage is reached with the app's system-assigned
// identity (identity-based AzureWebJobsStorage__*), the deployment package too; secrets live in Key Vault and reach the
// app as Key Vault references.
//
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json \
//     -p sendGridApiKey=<key> webhookKeys=<k1,k2> surveySigningKey=<key> replyAddressKeys=1:<key>
//   scripts/package.sh && (cd artifacts/functionapp && zip -qr ../functionapp.zip .) &&
//   az functionapp deployment source config-zip -g <rg> -n <app> --src artifacts/functionapp.zip
// or, with the Azure Developer CLI and azure.yaml: azd up (into an existing resource group).

targetScope = 'resourceGroup'

@description('Prefix for every resource name (lower case letters and digits, 3-11 characters).')
@minLength(3)
@maxLength(11)
param prefix string = 'supportdesk'

param location string = resourceGroup().location

@description('Most instances Flex Consumption may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('The support mailbox customers write to.')
param supportAddress string

@description('The team name customers see in the From line and signatures.')
param supportTeamName string = 'Support'

@description('Optional ECDSA public key from the SendGrid console for signed inbound webhooks; empty turns verification off.')
param sendGridInboundVerificationKey string = ''

@description('Path of the policy JSON, relative to the app folder.')
param policyPath string = 'config/policy.json'

@description('6-field CRON (UTC) for FollowUpSweep.')
param followUpSchedule string = '0 * * * * *'

@description('6-field CRON (UTC) for EscalationSweep.')
param escalationSchedule string = '30 * * * * *'

@description('Public base URL for links in customer mail; empty means the app\'s own host name.')
param publicBaseUrl string = ''

param sendGridBaseUrl string = 'https://api.sendgrid.com'

@secure()
@description('SendGrid API key (mail send permission).')
param sendGridApiKey string

@secure()
@description('Comma-separated keys the inbound webhook accepts (the Functions host checks its own function keys too).')
param webhookKeys string

@secure()
@description('Key that signs satisfaction-survey links.')
param surveySigningKey string

@secure()
@description('Keys that sign agents\' reply addresses: id:secret pairs (secret of 16+ characters), newest first, e.g. 1:<secret>. Add a new pair in front to rotate; remove the old one once its mail is answered.')
param replyAddressKeys string

var suffix = uniqueString(resourceGroup().id, prefix)
var appName = '${prefix}-${suffix}'
var storageName = take('${prefix}${suffix}', 24)
var vaultName = take('${prefix}-kv-${suffix}', 24)
var deploymentContainer = 'app-package'

// Built-in role definition ids.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Everything (the host, the app, the deployment package) uses the app's identity: no account keys.
    allowSharedKeyAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainer
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: { value: sendGridApiKey }
}

resource webhookKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'support-webhook-keys'
  properties: { value: webhookKeys }
}

resource surveyKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'support-survey-signing-key'
  properties: { value: surveySigningKey }
}

resource replyKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'support-reply-address-keys'
  properties: { value: replyAddressKeys }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: '${appName}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: {
    reserved: true // Linux
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  // azd deploys the service named in azure.yaml to the resource carrying this tag.
  tags: { 'azd-service-name': 'functions' }
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the worker runtime here, not as FUNCTIONS_WORKER_RUNTIME.
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // Identity-based storage for the Functions host and for the app (ServerlessSupport.Storage reads the same names).
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${sendGridSecret.properties.secretUri})' }
        { name: 'SendGrid__BaseUrl', value: sendGridBaseUrl }
        { name: 'Support__Address', value: supportAddress }
        { name: 'Support__TeamName', value: supportTeamName }
        { name: 'Dispatch__FirstRetryDelay', value: '00:00:15' }
        { name: 'Dispatch__MaxRetryDelay', value: '00:10:00' }
        { name: 'Dispatch__ClaimDuration', value: '00:02:00' }
        { name: 'Dispatch__MaxAttempts', value: '150' }
        { name: 'SendGrid__InboundVerificationKey', value: sendGridInboundVerificationKey }
        { name: 'Support__WebhookKeys', value: '@Microsoft.KeyVault(SecretUri=${webhookKeysSecret.properties.secretUri})' }
        { name: 'Support__PolicyPath', value: policyPath }
        // The timer triggers read these as %Support:FollowUpSchedule% and %Support:EscalationSchedule%.
        { name: 'Support__FollowUpSchedule', value: followUpSchedule }
        { name: 'Support__EscalationSchedule', value: escalationSchedule }
        { name: 'Support__PublicBaseUrl', value: empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl }
        { name: 'Support__SurveySigningKey', value: '@Microsoft.KeyVault(SecretUri=${surveyKeySecret.properties.secretUri})' }
        { name: 'Support__ReplyAddressKeys', value: '@Microsoft.KeyVault(SecretUri=${replyKeysSecret.properties.secretUri})' }
      ]
    }
  }
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output keyVaultName string = vault.name
