
namespace ServerlessSupport.Core.Sla.Surveys;

/// <summary>The customer's one-click answer to the satisfaction survey.</summary>
internal enum SurveyRating
{
    Good,
    Bad,
}
