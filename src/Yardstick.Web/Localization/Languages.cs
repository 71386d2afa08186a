using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Yardstick.Core.Common;

namespace Yardstick.Web.Localization;

/// <summary>
/// The two languages of the pages and the API (zh-CN default). The culture of a request comes from <c>?lang=</c>, then the
/// language cookie (the switch in the app bar, remembered per user), then Accept-Language.
/// </summary>
public static class Languages
{
    public const string Default = "zh-CN";

    public static readonly string[] Supported = ["zh-CN", "en"];

    /// <summary>The language of the current UI culture.</summary>
    public static Language Current => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Language.ZhCN : Language.En;

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions { ApplyCurrentCultureToResponseHeaders = true, FallBackToParentUICultures = true, FallBackToParentCultures = true }
            .SetDefaultCulture(Default)
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported);
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}

/// <summary>The marker of the pages' texts: <c>Resources/Localization/Texts.resx</c> (en) and <c>Resources/Localization/Texts.zh-CN.resx</c> (the folder follows the namespace, as the resource manager looks them up).</summary>
public sealed class Texts;
