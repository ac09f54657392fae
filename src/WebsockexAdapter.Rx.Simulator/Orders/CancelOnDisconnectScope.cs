namespace WebsockexAdapter.Rx.Simulator;

/// <summary>Where a cancel-on-disconnect setting lives.</summary>
public enum CancelOnDisconnectScope
{
    /// <summary>This connection only; a new connection must enable it again.</summary>
    Connection,

    /// <summary>The account: every connection of the account, including new ones, starts with it.</summary>
    Account,
}
