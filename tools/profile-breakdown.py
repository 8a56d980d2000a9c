#!/usr/bin/env python3
"""Where a load run's request time goes, from a dotnet-trace thread-time trace in speedscope form.

    tools/profile-breakdown.py OUT.speedscope.json

EventPipe samples every managed thread about every 10 ms, running or not. A sample counts here
when its thread was running managed code (CPU_TIME) or native code that is not a wait
(UNMANAGED_CODE_TIME under anything but a wait, a sleep or a socket poll): the signature check's
libsodium, SQLite and ONNX run there. On a machine with more runnable threads than cores, a thread
waiting for a core still counts, so the figures are thread time, not CPU time; their shares are
what compares. Each sample goes to one step: the nearest frame, from the leaf down, that names a
step of the bot (or the load tool's own client, fake API or ceiling); frames of the HTTP client and
sockets alone decide only when nothing nearer does. With OUT.log beside it (tools/profile-load.sh
writes one), the bot's answers per second in that round turn the shares into microseconds of sampled
thread time per answer over the 12 s traced.
"""
import collections
import json
import re
import sys

TRACED_SECONDS = 12
WAITS = ('?!?', 'ManualResetEventSlim.Wait', 'WaitNative', 'WaitForSignal', 'Monitor.Wait', 'WaitForSocketEvents',
         'Thread.Sleep', 'Interop+Sys.Read(', 'WaitOneNoCheck', 'SleepInternal', 'WaitOneCore', 'Interop+Sys.Poll',
         'GetGCMemoryInfo')
STEPS = [
    ('load client (benchmark: signing, sending, reading replies)', ('StoryBot.Benchmarks.Discord.DiscordLoad', 'StoryBot.Benchmarks.Slack.SlackLoad', 'LoadRound')),
    ('fake platform API (benchmark)', ('FakeDiscordWebhooks', 'FakeSlackWebApi', 'LoopbackApi')),
    ('ceiling endpoint (benchmark)', ('CeilingEndpoint',)),
    ('signature check', ('SignatureVerifier.IsValid', 'SignatureVerifier.MayBeSigned')),
    ('body read within the budget', ('UnverifiedBodies',)),
    ('journal (accepted, posting, done)', ('DiscordWork.TryAccept', 'SlackWork.TryAccept', 'WorkTicket', 'WorkJournal')),
    ('record (answer log)', ('ConversationPipeline.RecordAsync', 'ConversationPipeline+<RecordAsync>', 'AnswerRecording', 'AnswerLog')),
    ('state store writer (group commit: statements, commit)', ('GroupCommit', 'StateDatabase.CommitAsync', 'StateDatabase+<CommitAsync>')),
    ('answer: sentence encoding of the question', ('SentenceEncoder', 'OnnxRuntime')),
    ('answer: chat bot and reply cache', ('ConversationPipeline.AskAsync', 'ConversationPipeline+<AskAsync>', 'ChatBot.RespondAsync')),
    ('render', ('ReplyRenderer', 'InteractionWebhooks.Pages', 'SlackMessageRenderer')),
    ('JSON of the reply', ('DiscordJson.Serialize', 'ToUtf8Json', 'ToResponsePayload', 'ToJsonString')),
    ('JSON or form of the request', ('JsonPayload.TryParse', 'Interaction.TryParse', 'SlashCommand.FromForm', 'QueryHelpers.ParseQuery')),
    ('outbound REST / Web API (follow-up pages, message id, chat.postMessage)', ('DiscordRestClient', 'SlackApiClient', 'PostFollowUpsAsync', 'OriginalMessageIdAsync')),
    ('logging', ('Microsoft.Extensions.Logging', 'LoggerMessage')),
    ('Kestrel: HTTP framing, routing, response write', ('Microsoft.AspNetCore.',)),
    ('endpoint and pipeline code between the steps (awaits, hand-offs)', ('WorkLane', 'ChannelTurns', 'SlackDelivery', 'InteractionEndpoint', 'InteractionHandler', 'SlackHttpEndpoints', 'SlackConversation', 'PendingWrites', 'ReplyDeadline')),
]
GENERIC = [('HTTP client and sockets (either side)', ('System.Net.',))]


def samples(document):
    for profile in document['profiles']:
        stack, last = [], None
        for event in profile['events']:
            if last is not None and stack and event['at'] > last:
                yield tuple(stack), event['at'] - last
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            else:
                stack.pop()


def step_of(names):
    for rules in (STEPS, GENERIC):
        for name in reversed(names):
            for label, patterns in rules:
                if any(p in name for p in patterns):
                    return label
    return 'thread pool, GC, timers'


def main(path):
    document = json.load(open(path))
    frames = [f['name'] for f in document['shared']['frames']]
    steps, total = collections.Counter(), 0.0
    for stack, ms in samples(document):
        names = [frames[f] for f in stack]
        leaf, parent = names[-1], names[-2] if len(names) > 1 else ''
        if leaf not in ('CPU_TIME', 'UNMANAGED_CODE_TIME') or any(w in n for n in names for w in WAITS) or any('GC.RunFinalizers' in n for n in names):
            continue
        total += ms
        steps[step_of(names)] += ms
    per_second = answers_per_second(path)
    print(f'sampled running thread time: {total / 1000:.1f} s over {TRACED_SECONDS} s traced'
          + (f'; {per_second:,.0f} answers/s in the round' if per_second else ''))
    for label, ms in steps.most_common():
        micro = f'  {1000 * ms / (per_second * TRACED_SECONDS):7.0f} µs/answer' if per_second else ''
        print(f'{100 * ms / total:5.1f} %{micro}  {label}')


def answers_per_second(path):
    try:
        log = open(re.sub(r'\.speedscope\.json$', '.log', path)).read()
    except OSError:
        return None
    found = re.search(r'^round 1: .*?(\d+) answers/s', log, re.M)
    return float(found.group(1)) if found else None


if __name__ == '__main__':
    main(sys.argv[1])
