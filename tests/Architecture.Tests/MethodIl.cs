using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Architecture.Tests;

/// <summary>
/// What the methods of an assembly do, read from their IL: the string literals they load and the
/// types whose constructors they call, each with the method it is in. Reads the file's metadata
/// (System.Reflection.Metadata); nothing is loaded or run.
/// </summary>
public static class MethodIl
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Each <c>ldstr</c> literal of the assembly at <paramref name="path"/>, with its method (<c>Namespace.Type.Method</c>).</summary>
    public static IEnumerable<(string Method, string Literal)> StringLiterals(string path) =>
        Instructions(path).Where(i => i.OpCode == OpCodes.Ldstr.Value).Select(i => (i.Method, i.Operand));

    /// <summary>Each <c>newobj</c> of the assembly at <paramref name="path"/>: the constructed type (<c>Namespace.Name</c>) with its method.</summary>
    public static IEnumerable<(string Method, string ConstructedType)> Constructions(string path) =>
        Instructions(path).Where(i => i.OpCode == OpCodes.Newobj.Value).Select(i => (i.Method, i.Operand));

    // ldstr: the literal; newobj: the constructed type. Resolved while the file is open.
    private static List<(string Method, short OpCode, string Operand)> Instructions(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var found = new List<(string, short, string)>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                var name = $"{FullName(reader, typeHandle)}.{reader.GetString(method.Name)}";
                var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
                while (il.RemainingBytes > 0)
                {
                    short code = il.ReadByte();
                    if (code == 0xFE)
                    {
                        code = (short)(0xFE00 | il.ReadByte());
                    }

                    var operand = Operands.GetValueOrDefault(code, OperandType.InlineNone);
                    if (code == OpCodes.Ldstr.Value)
                    {
                        found.Add((name, code, reader.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32()))));
                        continue;
                    }

                    if (code == OpCodes.Newobj.Value)
                    {
                        found.Add((name, code, TypeOfMember(reader, MetadataTokens.EntityHandle(il.ReadInt32()))));
                        continue;
                    }

                    Skip(ref il, operand);
                }
            }
        }

        return found;
    }

    private static void Skip(ref BlobReader il, OperandType operand)
    {
        switch (operand)
        {
            case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                il.Offset += 1;
                break;
            case OperandType.InlineVar:
                il.Offset += 2;
                break;
            case OperandType.InlineI8 or OperandType.InlineR:
                il.Offset += 8;
                break;
            case OperandType.InlineSwitch:
                il.Offset += 4 * il.ReadInt32();
                break;
            case OperandType.InlineNone:
                break;
            default:
                il.Offset += 4;
                break;
        }
    }

    private static string TypeOfMember(MetadataReader reader, EntityHandle member) => member.Kind switch
    {
        HandleKind.MemberReference => TypeName(reader, reader.GetMemberReference((MemberReferenceHandle)member).Parent),
        HandleKind.MethodDefinition => FullName(reader, reader.GetMethodDefinition((MethodDefinitionHandle)member).GetDeclaringType()),
        HandleKind.MethodSpecification => TypeOfMember(reader, reader.GetMethodSpecification((MethodSpecificationHandle)member).Method),
        _ => "?",
    };

    private static string TypeName(MetadataReader reader, EntityHandle type) => type.Kind switch
    {
        HandleKind.TypeReference => $"{reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Namespace)}.{reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Name)}",
        HandleKind.TypeDefinition => FullName(reader, (TypeDefinitionHandle)type),
        _ => "?",
    };

    private static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}"
            : $"{FullName(reader, declaring)}+{reader.GetString(type.Name)}";
    }
}
