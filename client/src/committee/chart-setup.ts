/**
 * The parts of chart.js the statistics draw (bar and line charts, two axes, legend,
 * tooltip), registered once. Imported only through stat-chart.tsx's dynamic import, so it is
 * a chunk of its own and the bundler keeps just these parts.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };
