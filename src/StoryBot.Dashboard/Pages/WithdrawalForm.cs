using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>One source or excerpt as the withdraw/restore form shows it.</summary>
internal sealed record WithdrawalForm(string Kind, string Id, DisabledCitation? Withdrawal);
