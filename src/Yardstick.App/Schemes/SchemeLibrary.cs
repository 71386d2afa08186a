using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yardstick.App.Access;
using Yardstick.Core.Common;
using Yardstick.Core.Schemes;
using Yardstick.Core.Scoring;
using Yardstick.Core.Templates;
using Yardstick.Data;

namespace Yardstick.App.Schemes;

/// <summary>A built-in template as the gallery shows it: names, the article's story, period kind, stage (or bundle) and size.</summary>
public sealed record SchemeTemplateInfo(string Id, LocalizedText Name, LocalizedText Story, string Period, string? Stage, bool IsBundle, int Indicators);

/// <summary>A stored scheme version of the organisation, with the periods that use it (whose scheme can no longer change).</summary>
public sealed record StoredSchemeInfo(string Code, int Version, LocalizedText Name, string Period, bool IsBundle, DateTimeOffset CreatedAt, IReadOnlyList<string> Periods);

/// <summary>The scheme gallery: the built-in templates and the organisation's stored versions (newest version of each code first).</summary>
public sealed record SchemeGallery(IReadOnlyList<SchemeTemplateInfo> Templates, IReadOnlyList<StoredSchemeInfo> Saved);

/// <summary>A scheme's JSON: of a template (<see cref="Version"/> null) or of a stored version, and the versions stored under its code.</summary>
public sealed record SchemeText(string Code, int? Version, string Json, IReadOnlyList<int> Versions);

/// <summary>The version a save stored: <see cref="Outcome"/> is "created", "replaced" (a version no period used yet) or "unchanged" (the same text was stored).</summary>
public sealed record SavedScheme(string Code, int Version, string Outcome);

/// <summary>
/// The organisation's scheme library (review.md R2: schemes are admin work): the template gallery, the stored versions, a
/// version's JSON, and saving a scheme. A scheme is stored only when it validates; an edit of a version that a period uses
/// becomes the next version and that period keeps its own (scoring.md §1); the same text saved again changes nothing.
/// </summary>
public sealed class SchemeLibrary(YardstickDb db, CurrentUser? user = null)
{
    private readonly UserAccess _access = new(db, user);

    public async Task<Result<SchemeGallery>> ListAsync(CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var templates = TemplateCatalog.List().Select(t => new SchemeTemplateInfo(t.Id, t.Name, t.Story, Kind(t.Document),
            t.Document.IsBundle ? null : t.Document.Schemes[0].Stage, t.Document.IsBundle, t.Document.Schemes.Sum(s => s.Indicators().Count()))).ToList();
        var versions = await db.SchemeVersions.AsNoTracking().ToListAsync(ct);
        var uses = (await db.Periods.AsNoTracking().Select(p => new { p.SchemeVersionId, p.Label }).ToListAsync(ct))
            .ToLookup(p => p.SchemeVersionId, p => p.Label);
        var saved = new List<StoredSchemeInfo>();
        foreach (var v in versions.OrderBy(v => v.Code, StringComparer.Ordinal).ThenByDescending(v => v.Version))
        {
            var doc = SchemeJson.Parse(v.Json, v.AuditKey);
            var name = doc.IsSuccess ? doc.Value.IsBundle ? doc.Value.Name : doc.Value.Schemes[0].Name : new LocalizedText(v.Code, v.Code);
            saved.Add(new StoredSchemeInfo(v.Code, v.Version, name, doc.IsSuccess ? Kind(doc.Value) : "", doc.IsSuccess && doc.Value.IsBundle, v.CreatedAt,
                [.. uses[v.Id].OrderBy(l => l, StringComparer.Ordinal)]));
        }

        return new SchemeGallery(templates, saved);
    }

    /// <summary>A template's JSON, to start a scheme from.</summary>
    public async Task<Result<SchemeText>> TemplateAsync(string id, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var found = TemplateCatalog.Find(id);
        if (!found.IsSuccess)
            return Result<SchemeText>.Fail([.. found.Problems.Select(p => p with { Kind = ProblemKind.NotFound })]);
        return new SchemeText(found.Value.Id, null, SchemeJson.Write(found.Value.Document), await VersionsAsync(found.Value.Id, ct));
    }

    /// <summary>A stored version's JSON as it was stored.</summary>
    public async Task<Result<SchemeText>> GetAsync(string code, int version, CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var row = await db.SchemeVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code && v.Version == version, ct);
        return row is null
            ? Problem.NotFound("scheme", $"没有方案 {code} v{version}", $"there is no scheme {code} v{version}", "scheme.unknown", $"{code} v{version}")
            : new SchemeText(row.Code, row.Version, row.Json, await VersionsAsync(code, ct));
    }

    /// <summary>Checks a scheme text as <c>scheme validate</c> does (admins, like the rest of the library); nothing is stored.</summary>
    public async Task<Result<SchemeCheckResult>> CheckAsync(string json, string origin = "scheme", CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        return SchemeCheck.Run(json, origin);
    }

    /// <summary>Validates the scheme text (every problem as <c>scheme validate</c> words it, at <paramref name="origin"/>) and stores it.</summary>
    public async Task<Result<SavedScheme>> SaveAsync(string json, string origin = "scheme", CancellationToken ct = default)
    {
        if (await _access.CheckAsync(AccessAction.Administer, ct: ct) is { } refused)
            return refused;
        var check = SchemeCheck.Run(json, origin);
        if (!check.IsValid)
            return Result<SavedScheme>.Fail(check.Problems);
        var (version, outcome) = await StoreAsync(db, json, check.Document!, check.Schemes, ct);
        await db.SaveChangesAsync(ct);
        return new SavedScheme(version.Code, version.Version, outcome);
    }

    private Task<List<int>> VersionsAsync(string code, CancellationToken ct) =>
        db.SchemeVersions.AsNoTracking().Where(v => v.Code == code).OrderByDescending(v => v.Version).Select(v => v.Version).ToListAsync(ct);

    private static string Kind(SchemeDocument doc) => doc.Schemes[0].PeriodKind.ToString().ToLowerInvariant();

    /// <summary>
    /// The stored version of a valid scheme text, added to the context (not saved): the version already holding the same text,
    /// else the version the text names (rewritten when no period uses it), else, when a period uses that version, the next version
    /// with the text renumbered (scoring.md §1). A bundle is versioned by its stage schemes: a new version of any of them is a new
    /// version of the bundle.
    /// </summary>
    internal static async Task<(SchemeVersion Version, string Outcome)> StoreAsync(YardstickDb db, string json, SchemeDocument document, IReadOnlyList<CompiledScheme> schemes, CancellationToken ct)
    {
        var scheme = (Id: document.Id, Version: schemes.Max(c => c.Scheme.Version));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        // the same text: as it was given (its hash) or as it was stored (a renumbered version, read back and saved again)
        var stored = await db.SchemeVersions.Where(v => v.Code == scheme.Id).ToListAsync(ct);
        if (stored.FirstOrDefault(v => v.Hash == hash || v.Json == json) is { } same)
            return (same, "unchanged");
        var version = stored.SingleOrDefault(v => v.Version == scheme.Version);
        if (version is null)
            return (db.SchemeVersions.Add(new SchemeVersion { Code = scheme.Id, Version = scheme.Version, Json = json, Hash = hash, CreatedAt = db.Now }).Entity, "created");
        if (!await db.Periods.AnyAsync(p => p.SchemeVersionId == version.Id, ct))
        {
            version.Json = json;
            version.Hash = hash;
            return (version, "replaced");
        }

        var next = stored.Max(v => v.Version) + 1;
        var renumbered = SchemeJson.Write(document with { Schemes = [.. schemes.Select(c => c.Scheme with { Version = next })] });
        return (db.SchemeVersions.Add(new SchemeVersion { Code = scheme.Id, Version = next, Json = renumbered, Hash = hash, CreatedAt = db.Now }).Entity, "created");
    }
}
