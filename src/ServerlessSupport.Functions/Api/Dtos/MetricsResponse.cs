namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>
/// The dashboard's metrics over the last <see cref="WindowDays"/> days (open tickets: now). Figures with no samples are
/// null rather than a made-up 0 or 100 %.
/// </summary>
internal sealed record MetricsResponse(
    AckLatencyDto AckLatency,
    FirstResponseMetricsDto FirstResponse,
    OpenByPriorityDto OpenByPriority,
    int EscalationsToday,
    int WindowDays,
    DateTimeOffset ComputedAt,
    IReadOnlyList<CsatPeriodDto> Csat,
    IReadOnlyList<PromisePeriodDto> Promises);

internal sealed record AckLatencyDto(double? P50Seconds, double? P95Seconds, int Samples);

/// <summary>attainment = met / (met + missed), 0..1.</summary>
internal sealed record FirstResponseMetricsDto(int Met, int Missed, double? Attainment);

internal sealed record OpenByPriorityDto(int Low, int Normal, int High, int Urgent);

/// <summary>
/// Satisfaction over the last <see cref="Days"/> days: survey answers given in that period (a ticket counts with its
/// latest answer), and the good and bad shares (0..1; null without answers).
/// </summary>
internal sealed record CsatPeriodDto(int Days, int Answered, int Good, int Bad, double? GoodShare, double? BadShare);

/// <summary>
/// Promises to customers settled in the last <see cref="Days"/> days: kept and broken (replaced ones count as neither),
/// in total and by kind, and the kept share (0..1; null when none was kept or broken).
/// </summary>
internal sealed record PromisePeriodDto(int Days, int Kept, int Broken, double? KeptShare, PromiseKindsDto ByKind);

internal sealed record PromiseKindsDto(PromiseCountsDto FirstResponse, PromiseCountsDto Update, PromiseCountsDto Resolution);

internal sealed record PromiseCountsDto(int Kept, int Broken);
