namespace Yardstick.Core.Common;

/// <summary>The two languages every name, message and trace exists in.</summary>
public enum Language
{
    /// <summary>Simplified Chinese (zh-CN).</summary>
    ZhCN,

    /// <summary>English (en).</summary>
    En,
}

/// <summary>A text in zh-CN and in en.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    public string Get(Language language) => language == Language.ZhCN ? Zh : En;

    /// <summary>Parses "zh-CN", "zh", "en" (any case); null for anything else.</summary>
    public static Language? ParseLanguage(string? tag) => tag?.Trim().ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "zh-hans" or "cn" => Language.ZhCN,
        "en" or "en-us" or "en-gb" => Language.En,
        _ => null,
    };
}
