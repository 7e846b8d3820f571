/** Any path no other route matches: a 404 in the page's language, through the root error boundary. */
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
