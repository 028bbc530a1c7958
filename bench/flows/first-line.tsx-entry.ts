// What `tsx` runs for the side-by-side figure: the same flow file, called directly.
import { firstLine } from "./first-line.flow";

void firstLine();
