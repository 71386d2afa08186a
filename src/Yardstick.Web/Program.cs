using Yardstick.Web.Hosting;

// --demo / --no-demo are switches, which the configuration's command line would pair with the next argument
var flags = StartFlags.Parse(args);
var builder = WebApplication.CreateBuilder(flags.Rest);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
    builder.WebHost.UseUrls(StartFlags.DefaultUrl);
builder.Services.AddYardstickWeb(flags.Demo);
var app = builder.Build();
app.UseYardstickWeb();
await app.RunAsync();

/// <summary>The web host (docs/web.md); public for the tests' WebApplicationFactory.</summary>
public partial class Program;
