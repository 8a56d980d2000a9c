using Microsoft.AspNetCore.Mvc;

namespace StoryBot.Dashboard.Pages;

/// <summary>A page that shows one list, <see cref="Pager.Size"/> rows at a time, reading one row more to know whether there is a next page.</summary>
internal abstract class PagedListPage<T> : DashboardPage
{
    [BindProperty(SupportsGet = true, Name = Pager.Parameter)]
    public int Number { get; set; } = 1;

    public IReadOnlyList<T> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var read = await ReadAsync(Pager.Offset(Number), Pager.Size + 1, cancellationToken);
        (Rows, Pager) = Pager.Of(read, Number, number => Url.Page(null, new { p = number }));
    }

    protected abstract Task<IReadOnlyList<T>> ReadAsync(int offset, int limit, CancellationToken cancellationToken);
}
