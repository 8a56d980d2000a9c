namespace StoryBot.Core.Knowledge.Loading;

/// <summary>Reads <c>timeline.yaml</c>: events on the story's own relative days, in their order.</summary>
internal static class TimelineReader
{
    public const string FileName = "timeline.yaml";

    public static List<TimelineEntry> Read(PackReading reading)
    {
        var entries = new List<TimelineEntry>();
        var orders = new Dictionary<int, string>();
        foreach (var (map, file) in ListFile.Entries(reading, FileName, PackSchema.Timeline, reading.TimelineIds))
        {
            var id = map.DefineId(reading.TimelineIds);

            var order = map.Integer("order");
            var day = map.Localized("day");
            var @event = map.Localized("event");
            var citations = map.TextList("citations");
            if (citations is not null)
            {
                reading.Refer(reading.ExcerptIds, citations, map.What, "citation", file);
            }

            if (order is not null && id is not null && !orders.TryAdd(order.Value, id))
            {
                reading.Errors.Add(file, map.At("order"), $"{map.What}: order {order} is already used by timeline entry '{orders[order.Value]}'");
            }

            if (id is null || order is null || day is null || @event is null || citations is not { Count: > 0 })
            {
                reading.Skipped(map);
                continue;
            }

            entries.Add(new TimelineEntry
            {
                Id = id,
                Order = order.Value,
                Day = day,
                Event = @event,
                Citations = [.. citations.Select(c => c.Value)],
            });
        }

        return [.. entries.OrderBy(e => e.Order)];
    }
}
