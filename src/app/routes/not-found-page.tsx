import { Link } from "react-router";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Page } from "@/components/ui/page";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <Card>
        <EmptyState title="There is nothing at this address" action={<Link to="/" className={buttonClasses("primary", "sm")}>Go home</Link>}>
          The link may be old, or the page moved.
        </EmptyState>
      </Card>
    </Page>
  );
}

export default NotFoundPage;
