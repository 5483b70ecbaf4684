using System.Globalization;
using System.Text;

namespace Workflows.Sdk.Analyzers.Diagrams;

/// <summary>A minimal compact JSON writer: the compiler hosts analyzers without System.Text.Json.</summary>
internal sealed class JsonText
{
    private readonly StringBuilder text = new();
    private bool needsComma;

    public void BeginObject() => Open('{');

    public void EndObject() => Close('}');

    public void BeginArray() => Open('[');

    public void EndArray() => Close(']');

    public void Name(string name)
    {
        Separate();
        WriteString(name);
        text.Append(':');
    }

    public void Property(string name, string value)
    {
        Name(name);
        WriteString(value);
        needsComma = true;
    }

    public void Property(string name, int value)
    {
        Name(name);
        text.Append(value.ToString(CultureInfo.InvariantCulture));
        needsComma = true;
    }

    /// <summary>A string as an array element.</summary>
    public void Value(string value)
    {
        Separate();
        WriteString(value);
        needsComma = true;
    }

    public override string ToString() => text.ToString();

    private void Open(char bracket)
    {
        Separate();
        text.Append(bracket);
        needsComma = false;
    }

    private void Close(char bracket)
    {
        text.Append(bracket);
        needsComma = true;
    }

    private void Separate()
    {
        if (needsComma && text.Length > 0 && text[text.Length - 1] != ':')
            text.Append(',');
        needsComma = false;
    }

    private void WriteString(string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || c > '~')
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
