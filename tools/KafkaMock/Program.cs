// Kafka for local stacks and tests: librdkafka's mock cluster, which speaks the real protocol over
// loopback TCP (no Kafka or Redpanda server can be installed here). See scripts/stack.sh.
//
//   serve <bootstrap-file> [topic:partitions ...]
//       Starts 3 mock brokers, creates poster.render (8 partitions), poster.render.dead-letter (1)
//       and any extra topics, writes the bootstrap servers to the file and runs until SIGTERM or
//       SIGINT. The topics live in this process's memory: stopping it loses them.
//   check <bootstrap> [topic:partitions ...] [--probe <topic>]
//       From another process: checks each topic's partition count (default: the two above), then
//       produces one message to every partition of the probe topic (default poster.render) and reads
//       them back through a consumer group.
using PosterGen.Tools.KafkaMock;

try
{
    return args switch
    {
        ["serve", var file, .. var extra] =>
            await MockServer.RunAsync(file, [.. TopicSpec.Defaults, .. extra.Select(TopicSpec.Parse)]),
        ["check", var bootstrap, .. var rest] => ParseCheck(bootstrap, rest),
        _ => Usage(),
    };
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return Usage();
}

static int ParseCheck(string bootstrap, string[] rest)
{
    var probe = TopicSpec.Defaults[0].Name;
    var expected = new List<TopicSpec>();
    for (var i = 0; i < rest.Length; i++)
    {
        if (rest[i] == "--probe" && i + 1 < rest.Length)
            probe = rest[++i];
        else
            expected.Add(TopicSpec.Parse(rest[i]));
    }
    return ClusterCheck.Run(bootstrap, expected.Count > 0 ? expected : TopicSpec.Defaults, probe);
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: KafkaMock serve <bootstrap-file> [topic:partitions ...]
               KafkaMock check <bootstrap> [topic:partitions ...] [--probe <topic>]
        """);
    return 2;
}
