namespace WebsockexAdapter.Rx.Deribit;

/// <summary>What <c>private/enable_cancel_on_disconnect</c> covers.</summary>
public enum CancelOnDisconnectScope
{
    /// <summary>Off: orders survive a lost connection.</summary>
    Off,

    /// <summary>The orders of this connection; enabled again on every new connection.</summary>
    Connection,

    /// <summary>Every order of the account, whichever connection placed it.</summary>
    Account,
}
