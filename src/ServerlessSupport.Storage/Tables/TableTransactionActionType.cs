namespace ServerlessSupport.Storage.Tables;

public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    UpsertMerge,
    UpsertReplace,
    Delete,
}
