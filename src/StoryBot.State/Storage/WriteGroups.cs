namespace StoryBot.State.Storage;

/// <summary>
/// The order a batch's writes run in when run plainly: writes that may run together
/// (<see cref="PendingWrite.BatchKey"/>) are gathered, each kind at the place of its first write,
/// but never across a write that runs alone. That write may read or change what the writes around
/// it touch, so everything before it still runs before it and everything after it after; writes of
/// different kinds that run together touch different rows, so their order among themselves is free.
/// </summary>
internal static class WriteGroups
{
    public static List<IReadOnlyList<PendingWrite>> Of(IReadOnlyList<PendingWrite> batch)
    {
        var groups = new List<IReadOnlyList<PendingWrite>>(batch.Count);
        var together = new Dictionary<object, List<PendingWrite>>();
        foreach (var write in batch)
        {
            if (write.BatchKey is not { } key)
            {
                together.Clear();
                groups.Add([write]);
            }
            else if (together.TryGetValue(key, out var group))
            {
                group.Add(write);
            }
            else
            {
                group = [write];
                together[key] = group;
                groups.Add(group);
            }
        }

        return groups;
    }
}
