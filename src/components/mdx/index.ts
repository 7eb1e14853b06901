/** Components available in every lesson without an import (passed to MDX's `components`). */
import Diagram from './Diagram.astro';
import Hint from './Hint.astro';
import LabEmbed from './LabEmbed.astro';
import Quiz from './Quiz.astro';
import RunCommand from './RunCommand.astro';
import Terminal from './Terminal.astro';

export const MDX_COMPONENTS = { Diagram, Hint, Lab: LabEmbed, Quiz, RunCommand, Terminal };
