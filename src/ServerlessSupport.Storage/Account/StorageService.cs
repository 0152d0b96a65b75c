namespace ServerlessSupport.Storage.Account;

public enum StorageService
{
    Blob,
    Queue,
    Table,
}
