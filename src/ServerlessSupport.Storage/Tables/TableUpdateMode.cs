namespace ServerlessSupport.Storage.Tables;

/// <summary>How an update treats properties the sent entity does not carry: Merge keeps them, Replace drops them.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}
