/** Entry point of the il6sim web app (built by Vite into web-dist/, served by `il6sim serve`). */
import { render } from "preact";
import { App } from "./app";
import "./style.css";

render(<App />, document.getElementById("app")!);
