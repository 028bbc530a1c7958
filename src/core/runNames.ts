// Readable run names like Prefect's ("crimson-wolf"), so a person can tell runs apart at a glance.
import { randomInt } from "node:crypto";

const ADJECTIVES = [
  "amber", "ancient", "bold", "brave", "bright", "calm", "clever", "cobalt", "crimson", "daring",
  "dusty", "eager", "emerald", "fancy", "fearless", "gentle", "golden", "grumpy", "hidden", "humble",
  "icy", "ivory", "jolly", "keen", "lively", "lucky", "mellow", "misty", "nimble", "noble",
  "olive", "proud", "quick", "quiet", "rapid", "rosy", "rustic", "scarlet", "shy", "silver",
  "sleepy", "smart", "snowy", "solar", "spry", "steady", "swift", "teal", "tidy", "vivid",
  "wandering", "witty", "zesty",
];
const ANIMALS = [
  "albatross", "badger", "beaver", "bison", "buffalo", "camel", "caribou", "cheetah", "cobra", "condor",
  "coyote", "crane", "dingo", "dolphin", "eagle", "falcon", "ferret", "finch", "fox", "gazelle",
  "gecko", "heron", "hyena", "ibis", "jackal", "jaguar", "kestrel", "koala", "lemur", "lynx",
  "marmot", "mink", "moose", "narwhal", "newt", "ocelot", "otter", "owl", "panda", "parrot",
  "pelican", "puffin", "quail", "raven", "salmon", "seal", "sparrow", "stork", "tapir", "toucan",
  "walrus", "wolf", "wombat", "yak", "zebra",
];

export function generateRunName(taken: (name: string) => boolean = () => false): string {
  for (let attempt = 0; ; attempt++) {
    const name = `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${ANIMALS[randomInt(ANIMALS.length)]}`;
    const candidate = attempt < 20 ? name : `${name}-${attempt}`;
    if (!taken(candidate)) return candidate;
  }
}
