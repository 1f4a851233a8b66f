namespace OuraMcp.Server.Answers;

/// <summary>Rounding as people read numbers: halves away from zero (58.25 bpm is 58.3), not to even.</summary>
public static class Numbers
{
    public static double Round(double value, int digits = 0) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
