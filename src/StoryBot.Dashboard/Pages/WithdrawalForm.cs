using StoryBot.State.Moderation;

namespace StoryBot.Dashboard.Pages;

/// <summary>One source or excerpt as the withdraw/restore form shows it.</summary>
/// <param name="Story">The story the page shows, so the form acts on that story's source or excerpt; null for the default story.</param>
internal sealed record WithdrawalForm(string Kind, string Id, DisabledCitation? Withdrawal, string? Story = null);
