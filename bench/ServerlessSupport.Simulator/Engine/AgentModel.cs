using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>
/// The agents: how many, and the calendar whose open hours they work (a task started before closing finishes the next
/// working day, its effort counted in working time). Replay mode has no model: the recorded replies are played instead.
/// </summary>
internal sealed record AgentModel(int Agents, BusinessCalendar Hours);
