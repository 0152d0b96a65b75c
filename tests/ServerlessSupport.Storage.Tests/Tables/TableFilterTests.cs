using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void Format_EveryType_BecomesTypedLiteral()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(7);

        Assert.Equal("S eq 'a''b'", TableFilter.Format($"S eq {"a'b"}"));
        Assert.Equal("G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'", TableFilter.Format($"G eq {id}"));
        Assert.Equal("T ge datetime'2026-01-02T01:04:05.0000007Z'", TableFilter.Format($"T ge {when}"));
        Assert.Equal("L eq 5L", TableFilter.Format($"L eq {5L}"));
        Assert.Equal("I eq -3", TableFilter.Format($"I eq {-3}"));
        Assert.Equal("B eq true and C eq false", TableFilter.Format($"B eq {true} and C eq {false}"));
        Assert.Equal("D eq 2.0", TableFilter.Format($"D eq {2.0}"));
        Assert.Equal("D eq 0.1", TableFilter.Format($"D eq {0.1}"));
        Assert.Equal("D eq 1E+300", TableFilter.Format($"D eq {1e300}"));
        Assert.Equal("X eq X'00ff10'", TableFilter.Format($"X eq {new byte[] { 0, 255, 16 }}"));
    }

    [Fact]
    public void Format_InjectionAttempt_StaysInsideOneLiteral()
    {
        const string hostile = "x' or PartitionKey ne 'y";

        var filter = TableFilter.Format($"PartitionKey eq {hostile}");

        Assert.Equal("PartitionKey eq 'x'' or PartitionKey ne ''y'", filter);
    }

    [Fact]
    public void Format_UsesInvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("D eq 1.5 and I eq 1000000", TableFilter.Format($"D eq {1.5} and I eq {1000000}"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Format_UnsupportedValues_Throw()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Format($"A eq {(string?)null}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Format($"A eq {double.NaN}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Format($"A eq {1.5m}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Format($"A eq {new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)}"));
    }

    [Fact]
    public void Escape_DoublesSingleQuotesOnly()
    {
        Assert.Equal("o''brien \"x\" ''''", TableFilter.Escape("o'brien \"x\" ''"));
    }
}
