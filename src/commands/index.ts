import "./commands";
