namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Whether a gateway serves consumers now.</summary>
public enum GatewayRole
{
    /// <summary>Connected, waiting to lead: it answers nothing and holds no exchange subscription.</summary>
    Standby,

    /// <summary>It holds the leader key: it answers consumers and publishes their channels.</summary>
    Active,
}
