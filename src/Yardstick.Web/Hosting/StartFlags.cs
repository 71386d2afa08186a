namespace Yardstick.Web.Hosting;

/// <summary>The web host's own switches: <c>--demo</c> and <c>--no-demo</c>; every other argument goes to ASP.NET Core's configuration (<c>--db</c>, <c>--urls</c>, <c>--Database:Provider</c>, …).</summary>
public sealed record StartFlags(bool? Demo, string[] Rest)
{
    /// <summary>Where the host listens unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>urls</c> in the configuration says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary><see cref="Demo"/>: true with <c>--demo</c>, false with <c>--no-demo</c> (the last one given wins), null with neither.</summary>
    public static StartFlags Parse(string[] args)
    {
        bool? demo = null;
        var rest = new List<string>(args.Length);
        foreach (var arg in args)
        {
            if (arg == "--demo")
                demo = true;
            else if (arg == "--no-demo")
                demo = false;
            else
                rest.Add(arg);
        }

        return new StartFlags(demo, [.. rest]);
    }
}
