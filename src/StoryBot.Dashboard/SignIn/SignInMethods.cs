namespace StoryBot.Dashboard.SignIn;

/// <summary>Which ways of signing in the sign-in page offers besides the one-time link.</summary>
internal sealed record SignInMethods(bool Discord, bool Slack);
