using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>The API's JSON answers.</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string message) =>
        Results.Json(new ErrorResponse(message), ApiJsonContext.Default.ErrorResponse, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult TicketNotFound(string? id) => Error(StatusCodes.Status404NotFound, $"There is no ticket '{id}'.");

    public static IResult Conflict(string? currentVersion) => Results.Json(
        new ConflictResponse("The ticket changed since you read it: reload it and try again.", currentVersion),
        ApiJsonContext.Default.ConflictResponse,
        statusCode: StatusCodes.Status409Conflict);

    /// <summary>Answers with the value in the API's JSON (<typeparamref name="T"/> must be in <see cref="ApiJsonContext"/>).</summary>
    public static IResult Ok<T>(T value) =>
        Results.Json(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)ApiJsonContext.Default.GetTypeInfo(typeof(T))!);
}
